import {
  committedContract,
  ContractValidator,
  type ContractDocument,
} from './support/contract-validator';

/** A two-operation contract shaped like ours, small enough to reason about. */
const document: ContractDocument = {
  paths: {
    '/v1/schools/{id}': {
      get: {
        operationId: 'getSchool',
        responses: {
          '200': {
            content: { 'application/json': { schema: { $ref: '#/components/schemas/SchoolDto' } } },
          },
          '404': {
            content: {
              'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } },
            },
          },
        },
      },
      delete: { operationId: 'removeSchool', responses: { '204': {} } },
    },
  },
  components: {
    schemas: {
      SchoolDto: {
        type: 'object',
        required: ['id', 'openedOn', 'closedAt', 'weekDays'],
        properties: {
          id: { type: 'string', format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b5a' },
          openedOn: { type: 'string', format: 'date' },
          closedAt: { type: 'string', format: 'date-time', nullable: true },
          weekDays: { type: 'integer', enum: [5, 6] },
          region: { nullable: true, allOf: [{ $ref: '#/components/schemas/RegionDto' }] },
        },
      },
      RegionDto: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
      ProblemDto: { type: 'object', required: ['code'], properties: { code: { type: 'string' } } },
    },
  },
};
const contract = new ContractValidator(document);
const school = {
  id: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b5a',
  openedOn: '2026-09-01',
  closedAt: null,
  weekDays: 5,
  region: { name: 'Демонстрационный регион' },
};
const json = (status: number, body: unknown, contentType = 'application/json; charset=utf-8') => ({
  status,
  contentType,
  text: JSON.stringify(body),
});
const url = '/v1/schools/0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b5a?fields=all';

describe('the contract validator of test answers', () => {
  it('accepts an answer that keeps the contract, nulls where nullable included', () => {
    expect(contract.problems('GET', url, json(200, school))).toEqual([]);
    expect(contract.problems('GET', url, json(200, { ...school, region: null }))).toEqual([]);
    expect(
      contract.problems(
        'GET',
        url,
        json(404, { code: 'resource.not_found' }, 'application/problem+json'),
      ),
    ).toEqual([]);
    expect(
      contract.problems('DELETE', url, { status: 204, contentType: undefined, text: '' }),
    ).toEqual([]);
  });

  it('names every field that drifts from its schema, with strict formats', () => {
    const drifted = { ...school, id: 'not-a-uuid', openedOn: '2026-02-30', weekDays: 5.5 };
    delete (drifted as Partial<typeof school>).closedAt;
    expect(contract.problems('GET', url, json(200, drifted))).toEqual([
      "(body): must have required property 'closedAt' [#/required]",
      '/id: must match format "uuid" [#/properties/id/format]',
      '/openedOn: must match format "date" [#/properties/openedOn/format]',
      '/weekDays: must be integer [#/properties/weekDays/type]',
      '/weekDays: must be equal to one of the allowed values [#/properties/weekDays/enum]',
    ]);
    expect(contract.problems('GET', url, json(200, { ...school, region: {} }))).toEqual([
      "/region: must have required property 'name' [https://contract.invalid/schemas/RegionDto/required]",
      '/region: must be null [#/properties/region/anyOf/1/type]',
      '/region: must match a schema in anyOf [#/properties/region/anyOf]',
    ]);
  });

  it('refuses a status, a content type or a body the operation does not document', () => {
    expect(contract.problems('GET', url, json(500, { code: 'server.internal_error' }))).toEqual([
      'status 500 is not documented (documented: 200, 404)',
    ]);
    expect(contract.problems('GET', url, json(404, { code: 'resource.not_found' }))).toEqual([
      'content type application/json is not one of application/problem+json',
    ]);
    expect(contract.problems('DELETE', url, json(204, {}))).toEqual([
      'a body was sent where none is documented',
    ]);
  });

  it('fails with a message naming the operation and the answer', () => {
    expect(() => contract.assert('get', url, json(200, { ...school, weekDays: 7 }))).toThrow(
      /getSchool \(GET \/v1\/schools\/\{id\}\) answered 200 to GET \/v1\/schools\/0193a1f2.*\n {2}- \/weekDays: must be equal to one of the allowed values/,
    );
  });

  it('leaves alone what the contract does not describe', () => {
    expect(contract.problems('GET', '/health', json(503, {}))).toEqual([]);
    expect(contract.problems('PUT', url, json(404, {}))).toEqual([]);
  });

  it('reads every response schema of the committed contract', () => {
    expect(committedContract().compileAll()).toBeGreaterThan(500);
  });
});
