// The contracts of the files module's use cases: attaching a document or an image to a phase. Shared by the
// /api/v1 route (apps/server/src/api/files.ts) and the management page's upload form.
import Type from 'typebox';
import { contract } from '../edge/contract.ts';
import { Created, Id, LocaleSchema } from '../edge/schemas.ts';
import { maxUploadBytes } from './files.service.ts';

/** An image's size fields, as the answers that show images carry them (`ImageSize`). */
export const ImageSizeFields = {
  width: Type.Union([Type.Integer(), Type.Null()], { description: 'Width in pixels as shown; null for an image stored before sizes were kept' }),
  height: Type.Union([Type.Integer(), Type.Null()], { description: 'Height in pixels as shown' }),
  variantWidths: Type.Array(Type.Integer(), { description: 'Widths of its smaller WebP copies, served at /files/{id}/{width}' }),
};

/** An uploaded file with its bytes in base64, as a JSON body carries it (a page's form turns its file into this). */
export const UploadSchema = Type.Object({
  filename: Type.String({ maxLength: 255 }),
  contentType: Type.String({ maxLength: 200, description: 'application/pdf, application/vnd.oasis.opendocument.text, the DOCX type, image/png, image/jpeg or image/webp' }),
  data: Type.String({ pattern: '^[A-Za-z0-9+/]*={0,2}$', contentEncoding: 'base64', description: `The bytes, base64-encoded: at most ${maxUploadBytes / 1024 / 1024} MB, checked by their content` }),
});

/** An upload as the contracts carry it. */
export interface UploadInput {
  readonly filename: string;
  readonly contentType: string;
  readonly data: string;
}

/** An upload with its base64 decoded, as the service takes it. */
export function uploadOf(file: UploadInput) {
  return { filename: file.filename, contentType: file.contentType, data: new Uint8Array(Buffer.from(file.data, 'base64')) };
}

/**
 * The largest request that attaches a file over the API: the bytes travel as base64 (a third larger than the
 * file), so a file at the 5 MB limit fits with room to spare; a larger file gets the field error the page gives.
 */
export const attachRequestBytes = 8 * 1024 * 1024;

/** File contracts by use case. */
export const fileContracts = {
  attachFile: contract({
    name: 'attachFile',
    summary: 'Attach a document or an image (with its alt text) to a phase, shown with the phase (process managers)',
    input: Type.Object({
      phaseId: Id,
      file: UploadSchema,
      altText: Type.Optional(Type.String({ maxLength: 300, description: 'Required for an image: what it shows' })),
      locale: Type.Optional(LocaleSchema),
    }),
    output: Created,
  }),
};
