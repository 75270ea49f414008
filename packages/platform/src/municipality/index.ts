// The municipality module's public entry point: the apps import from here, never the module's inner files.
export { mapContracts } from './municipality.contract.ts';
export { shapesAsGeoJson, defaultTiles, readMapUpload, type GeocodedPlace, type MapShapes, type MunicipalityMap } from './municipality.service.ts';

