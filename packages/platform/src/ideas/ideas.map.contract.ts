// The contracts of ideas on a map: whether an ideas phase asks for a location, the ideas of a process on the
// map, the typed place search, and the staff's GeoJSON export. Shared by the /api/v1 routes and the map pages.
import Type from 'typebox';
import { contract } from '../edge/contract.ts';
import { Id, oneOf } from '../edge/schemas.ts';
import { FeatureCollectionSchema, GeometrySchema } from '../municipality/municipality.contract.ts';
import { locationKinds } from '../shared/geo.ts';

const Point = Type.Array(Type.Number(), { minItems: 2, maxItems: 2, description: '[longitude, latitude]' });

const LocationSettingsSchema = Type.Object({
  mode: oneOf(['none', 'optional', 'required'] as const, { description: 'Whether an idea asks for a location' }),
  kinds: Type.Array(oneOf(locationKinds), { description: 'What a resident may mark: point, line, area' }),
});

/** An idea's location in the API: a GeoJSON geometry, what the resident typed or picked, and the area it lies in. */
export const IdeaLocationSchema = Type.Union(
  [Type.Object({ geometry: GeometrySchema, label: Type.Union([Type.String(), Type.Null()]), area: Type.Union([Type.String(), Type.Null()]) }), Type.Null()],
  { description: 'Where the idea is about; null when it has no location' },
);

/** Map contracts by use case. */
export const ideaMapContracts = {
  setLocationSettings: contract({
    name: 'setLocationSettings',
    summary: 'Set whether an ideas phase asks for a location (none, optional, required) and which kinds residents may mark (process managers)',
    input: Type.Object({ phaseId: Id, mode: LocationSettingsSchema.properties.mode, kinds: Type.Optional(Type.Array(Type.String({ maxLength: 10 }), { maxItems: 3, description: 'point, line, area' })) }),
    output: LocationSettingsSchema,
  }),
  mappedIdeas: contract({
    name: 'mappedIdeas',
    summary: "A process's visible ideas that have a location, newest first (at most 2,000), with the phases' location settings; filter by area, category or text",
    input: Type.Object({
      slug: Type.String({ maxLength: 200 }),
      area: Type.Optional(Type.String({ maxLength: 120 })),
      category: Type.Optional(Type.String({ maxLength: 200 })),
      q: Type.Optional(Type.String({ maxLength: 200, description: 'Text in the title or the place' })),
    }),
    output: Type.Object({
      ideas: Type.Array(
        Type.Object({
          id: Type.String(),
          phaseId: Type.String(),
          title: Type.String(),
          status: Type.String(),
          category: Type.Union([Type.String(), Type.Null()]),
          supportCount: Type.Integer(),
          commentCount: Type.Integer(),
          createdAt: Type.String({ format: 'date-time' }),
          location: GeometrySchema,
          label: Type.Union([Type.String(), Type.Null()]),
          area: Type.Union([Type.String(), Type.Null()]),
          point: Point,
        }),
      ),
      phases: Type.Array(Type.Object({ id: Type.String(), ...LocationSettingsSchema.properties })),
    }),
  }),
  searchPlaces: contract({
    name: 'searchPlaces',
    summary: "Find a place by name: coordinates typed as \"lat, lon\", the municipality's areas and named places, and (with a process) its ideas on the map",
    input: Type.Object({ q: Type.String({ maxLength: 200 }), process: Type.Optional(Type.String({ maxLength: 200, description: 'A process slug: also search its ideas' })) }),
    output: Type.Object({
      places: Type.Array(
        Type.Object({ name: Type.String(), kind: oneOf(['area', 'place', 'coordinates', 'idea'] as const), geometry: GeometrySchema, point: Point, ideaId: Type.Optional(Type.String()) }),
      ),
    }),
  }),
  phaseIdeasGeoJson: contract({
    name: 'phaseIdeasGeoJson',
    summary: "An ideas phase's visible ideas with a location as a GeoJSON FeatureCollection (staff who may export ideas); hidden and unscreened ideas are left out",
    input: Type.Object({ phaseId: Id }),
    output: FeatureCollectionSchema,
  }),
};
