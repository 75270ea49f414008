import type { LayoutLoad } from './$types';
import { loadCatalog } from '$lib/catalogs';

// Runs on the server and in the browser, so the catalog is not serialised into every page.
export const load: LayoutLoad = async ({ data }) => ({ ...data, messages: await loadCatalog(data.locale) });
