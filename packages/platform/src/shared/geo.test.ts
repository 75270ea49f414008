// Point in polygon, a geometry inside a boundary, checking GeoJSON geometries and typed coordinates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkGeometry, geometryWithin, parseLatLon, pointInSurface, representativePoint, type PolygonGeometry, type Surface } from './geo.ts';

// A square 0..10 with a square hole 4..6, and a "C" shape open to the east (concave).
const holed: PolygonGeometry = { type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]] };
const cShape: Surface = { type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 3], [3, 3], [3, 7], [10, 7], [10, 10], [0, 10], [0, 0]]] };

test('point in polygon: inside, outside, in a hole, in the second polygon of a multipolygon', () => {
  assert.equal(pointInSurface([1, 1], holed), true);
  assert.equal(pointInSurface([11, 5], holed), false);
  assert.equal(pointInSurface([5, 5], holed), false, 'a hole is outside');
  assert.equal(pointInSurface([-0.0001, 5], holed), false);
  const multi: Surface = { type: 'MultiPolygon', coordinates: [holed.coordinates, [[[20, 20], [30, 20], [30, 30], [20, 30], [20, 20]]]] };
  assert.equal(pointInSurface([25, 25], multi), true);
  assert.equal(pointInSurface([15, 15], multi), false);
  // Known values for the concave shape: its notch is outside.
  assert.equal(pointInSurface([5, 5], cShape), false);
  assert.equal(pointInSurface([5, 1.5], cShape), true);
  assert.equal(pointInSurface([1.5, 5], cShape), true);
});

test('a line or area is within a boundary only if it never leaves it, even between two vertices inside', () => {
  assert.equal(geometryWithin({ type: 'LineString', coordinates: [[1, 1], [2, 9]] }, cShape), true);
  // Both ends inside the C, the segment crosses the notch.
  assert.equal(geometryWithin({ type: 'LineString', coordinates: [[5, 1.5], [5, 8.5]] }, cShape), false);
  assert.equal(geometryWithin({ type: 'Polygon', coordinates: [[[1, 1], [2, 1], [2, 2], [1, 2], [1, 1]]] }, cShape), true);
  assert.equal(geometryWithin({ type: 'Polygon', coordinates: [[[1, 1], [12, 1], [2, 2], [1, 1]]] }, cShape), false);
  assert.equal(geometryWithin({ type: 'Point', coordinates: [5, 5] }, holed), false);
});

test('checking geometries names what is wrong and where', () => {
  const open = checkGeometry({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] }, 'location', ['Polygon']);
  assert.deepEqual(!open.ok && open.issues.map((i) => [i.message, i.params?.where]), [['geo.ringOpen', 'location.coordinates[0]']]);
  const range = checkGeometry({ type: 'LineString', coordinates: [[10, 60], [200, 60]] }, 'location', ['LineString']);
  assert.deepEqual(!range.ok && range.issues.map((i) => [i.message, i.params?.where]), [['geo.outOfRange', 'location.coordinates[1]']]);
  const text = checkGeometry({ type: 'Point', coordinates: ['10', 60] }, 'location', ['Point']);
  assert.deepEqual(!text.ok && text.issues.map((i) => i.message), ['geo.badPosition']);
  const type = checkGeometry({ type: 'Circle', coordinates: [] }, 'location', ['Point', 'Polygon']);
  assert.deepEqual(!type.ok && type.issues.map((i) => [i.message, i.params?.type]), [['geo.geometryType', 'Circle']]);
  const good = checkGeometry({ type: 'Point', coordinates: [10.69, 60.79, 120] }, 'location', ['Point']);
  assert.deepEqual(good.ok && good.geometry, { type: 'Point', coordinates: [10.69, 60.79] }, 'an altitude is dropped');
});

test('coordinates typed as "lat, lon", with points or commas for decimals', () => {
  assert.deepEqual(parseLatLon('60.7957, 10.6915')?.coordinates, [10.6915, 60.7957]);
  assert.deepEqual(parseLatLon(' 60.7957 10.6915 ')?.coordinates, [10.6915, 60.7957]);
  assert.deepEqual(parseLatLon('60,7957 10,6915')?.coordinates, [10.6915, 60.7957]);
  assert.deepEqual(parseLatLon('60,7957; 10,6915')?.coordinates, [10.6915, 60.7957]);
  assert.equal(parseLatLon('Storgata 12'), null);
  assert.equal(parseLatLon('95.1, 10.6'), null, 'a latitude over 90 is not a place');
});

test('the point that stands for a geometry', () => {
  assert.deepEqual(representativePoint({ type: 'LineString', coordinates: [[0, 0], [2, 2]] }), [1, 1]);
  assert.deepEqual(representativePoint({ type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 2], [0, 2], [0, 0]]] }), [2, 1]);
});
