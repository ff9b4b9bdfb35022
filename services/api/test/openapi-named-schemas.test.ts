import t from 'tap';
import { Type } from 'typebox';
import { Carrier, Industry, LeadInput, Named, Nullable, Park, Platform, Policy, Region, schemaNameOf, Source, SourceRef } from '@leadmatch/domain';
import { buildTestAppWithRoutes } from './support.ts';

/**
 * Named schemas (`Named` in @leadmatch/domain) are written once under components.schemas and
 * referenced, by object identity rather than by comparing rendered text; the routes' own schemas,
 * which Ajv and the serializers use, are left exactly as they were.
 */

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

t.test('a named schema is known by identity, and so are the copies Optional, Nullable and x-examples make of it', async (t) => {
  t.match(schemaNameOf(Park), { name: 'Park', schema: Park, nullable: false });
  t.match(schemaNameOf(Type.Optional(Region)), { name: 'Region', schema: Region, nullable: false }, 'Type.Optional copies the keywords');
  t.match(schemaNameOf(Nullable(SourceRef)), { name: 'SourceRef', schema: SourceRef, nullable: true }, 'Nullable adds null to the type');
  t.match(schemaNameOf(Type.Optional(Nullable(Region))), { name: 'Region', nullable: true });
  const examples = { one: { value: {} } };
  t.match(schemaNameOf({ ...LeadInput, 'x-examples': examples }), { name: 'LeadInput', extensions: { 'x-examples': examples } });

  t.equal(schemaNameOf(Type.Object({ ...Region.properties })), undefined, 'an object made of the same properties is another schema');
  t.equal(schemaNameOf(Type.Partial(Region)), undefined, 'so is a Partial');
  t.equal(schemaNameOf({ ...Region, description: 'words' }), undefined, 'and a copy with a keyword of its own');
  t.equal(schemaNameOf({ ...Region, type: 'string' }), undefined, 'or another type');
  t.equal(schemaNameOf(JSON.parse(JSON.stringify(Region))), undefined, 'an equal schema that is not the same object has no name');
  t.equal(schemaNameOf(Type.String()), undefined);
});

t.test('names are PascalCase, one schema each, and agree with an $id', async (t) => {
  t.throws(() => Named('lower', Type.Object({})), /PascalCase/);
  t.throws(() => Named('Park', Type.Object({})), /two schemas are named Park/);
  t.throws(() => Named('Other', Type.Object({}, { $id: 'Something' })), /name it by its \$id/);
  t.equal(Named('Park', Park), Park, 'naming the same schema again changes nothing');
});

const { app, routes } = await buildTestAppWithRoutes(t);
const before = JSON.stringify(routes.map((route) => route.schema ?? null));
const document = (await app.inject({ url: '/docs/json' })).json() as { paths: Record<string, Record<string, Json>>; components: { schemas: Record<string, Json> } };

t.test("building the document leaves the routes' schemas as they were", async (t) => {
  t.equal(JSON.stringify(routes.map((route) => route.schema ?? null)), before, 'no schema gained a key or lost its $id');
  const postPark = routes.find((route) => route.method === 'POST' && route.url === '/v1/parks');
  t.equal(postPark?.schema?.body, Park, 'POST /v1/parks still validates with Park itself');
});

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const schemaOf = (path: string, method: string, part: 'body' | string): unknown => {
  const operation = document.paths[path]?.[method] as Json | undefined;
  const content = part === 'body' ? (operation?.requestBody as Json | undefined)?.content : ((operation?.responses as Json)?.[part] as Json | undefined)?.content;
  return ((content as Json | undefined)?.['application/json'] as Json | undefined)?.schema;
};

t.test('the catalog entities are components that bodies and answers refer to', async (t) => {
  const entities: [string, string, string][] = [
    ['Park', '/v1/parks', '/v1/parks/{id}'],
    ['Policy', '/v1/policies', '/v1/policies/{id}'],
    ['Platform', '/v1/platforms', '/v1/platforms/{id}'],
    ['Industry', '/v1/industries', '/v1/industries/{id}'],
    ['Carrier', '/v1/carriers', '/v1/carriers/{id}'],
    ['Source', '/v1/sources', '/v1/sources/{id}'],
  ];
  for (const [name, collection, item] of entities) {
    t.ok(document.components.schemas[name], `${name} is a component`);
    t.same(schemaOf(collection, 'post', 'body'), ref(name), `POST ${collection} takes a ${name}`);
    t.same(schemaOf(item, 'put', 'body'), ref(name), `PUT ${item} takes a ${name}`);
    t.match(schemaOf(collection, 'post', '201'), { properties: { item: ref(name) } }, `and answers with one`);
    t.match(schemaOf(item, 'put', '200'), { properties: { item: ref(name) } });
    t.match(schemaOf(item, 'put', '201'), { properties: { item: ref(name) } });
  }
  t.same(schemaOf('/v1/policies/{id}', 'get', '200'), ref('Policy'), 'GET /v1/policies/{id} answers a Policy');
  t.match(document.components.schemas.Park, { properties: { region: ref('Region'), sources: { items: ref('SourceRef') } } }, 'Park refers to Region and SourceRef');
  t.match(document.components.schemas.Policy, { properties: { region: { anyOf: [ref('Region'), { type: 'null' }] } } }, 'a nullable Region is the Region or null');
  for (const entity of [Park, Policy, Platform, Industry, Carrier, Source]) t.ok(schemaNameOf(entity));
});

t.test('every component is used, and no large schema is written out twice', async (t) => {
  const text = JSON.stringify(document);
  t.notOk(text.includes('x-leadmatch-schema-name'), 'no name mark is left in the document');
  for (const name of Object.keys(document.components.schemas)) {
    t.ok(text.includes(`"$ref":"#/components/schemas/${name}"`), `${name} is referred to`);
  }
  const seen = new Map<string, number>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isObject(node)) return;
    if ('type' in node || 'properties' in node || 'anyOf' in node) {
      const key = JSON.stringify(node);
      if (key.length > 1000) seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    for (const [key, value] of Object.entries(node)) if (key !== 'examples' && key !== 'example') visit(value);
  };
  visit(document.paths);
  visit(document.components);
  const repeated = [...seen].filter(([, count]) => count > 1).map(([key, count]) => `${count}× ${key.slice(0, 120)}…`);
  t.same(repeated, [], 'name a schema with Named when it appears in more than one place');
});
