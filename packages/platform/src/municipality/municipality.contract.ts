// The contracts of the municipality's map: its boundary, areas and places (the administrator's GeoJSON) and the
// tiles beneath. Shared by the /api/v1 routes and the admin map page's form action. (The municipality's other
// settings: municipalityContracts in accounts.contract.ts.)
import Type from 'typebox';
import { contract } from '../edge/contract.ts';

/** A GeoJSON geometry (RFC 7946): [longitude, latitude] positions in WGS 84. */
export const GeometrySchema = Type.Object(
  {
    type: Type.Union([Type.Literal('Point'), Type.Literal('LineString'), Type.Literal('Polygon'), Type.Literal('MultiPolygon')]),
    coordinates: Type.Array(Type.Unknown(), { description: 'Positions as [longitude, latitude]' }),
  },
  { description: 'A GeoJSON geometry (RFC 7946, WGS 84)' },
);

/** A GeoJSON FeatureCollection. */
export const FeatureCollectionSchema = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(
    Type.Object({
      type: Type.Literal('Feature'),
      id: Type.Optional(Type.String()),
      geometry: GeometrySchema,
      properties: Type.Record(Type.String(), Type.Unknown()),
    }),
  ),
});

/** Map contracts by use case. */
export const mapContracts = {
  getMunicipalityMap: contract({
    name: 'getMunicipalityMap',
    summary: "The municipality's map: its boundary, areas and named places as GeoJSON (null until uploaded), and the tiles drawn beneath",
    input: Type.Object({}),
    output: Type.Object({
      shapes: Type.Union([FeatureCollectionSchema, Type.Null()], { description: 'properties.kind is boundary, area or place; areas and places have a name' }),
      tileUrl: Type.String({ description: 'A tile address with {z}, {x} and {y}' }),
      attribution: Type.String(),
      geocoder: Type.Boolean({ description: 'Typed addresses the map does not name are looked up in the geocoder the administrator chose' }),
    }),
  }),
  setMunicipalityMap: contract({
    name: 'setMunicipalityMap',
    summary:
      "Set the municipality's map (administrators): a GeoJSON FeatureCollection with one feature of properties.kind \"boundary\" (a polygon), named areas (polygons) and named places (points and lines); the tile address and attribution (empty: OpenStreetMap's); and a geocoder for typed addresses (empty: none). Left out, the shapes are kept. A malformed upload is refused, naming each problem and where it is",
    input: Type.Object({
      geojson: Type.Optional(Type.Union([Type.String({ maxLength: 5_000_000 }), Type.Record(Type.String(), Type.Unknown())], { description: 'The GeoJSON, as an object or as text' })),
      tileUrl: Type.Optional(Type.String({ maxLength: 500, description: 'https://…/{z}/{x}/{y}.png; empty: OpenStreetMap' })),
      attribution: Type.Optional(Type.String({ maxLength: 300 })),
      geocoderUrl: Type.Optional(
        Type.String({ maxLength: 500, description: 'A geocoder search address with {query} (Nominatim: …/search?format=jsonv2&q={query}; Photon: …/api?q={query}); https, or http on localhost; empty: none' }),
      ),
    }),
    output: Type.Object({ areas: Type.Integer(), places: Type.Integer() }),
  }),
};
