import { describe, expect, it } from 'vitest';
import { parseSpecText } from '../../generator/load/load.js';
import { SpecloomError } from '../../generator/errors.js';

describe('load', () => {
  it('reports invalid YAML with file, line and column', () => {
    const err = catchError(() => parseSpecText('openapi: 3.0.0\ninfo:\n  title: [unclosed\n', 'bad.yaml'));
    expect(err).toBeInstanceOf(SpecloomError);
    expect(err.location?.file).toBe('bad.yaml');
    expect(err.location?.line).toBeGreaterThanOrEqual(3);
    expect(err.format()).toMatch(/^bad\.yaml:\d+:\d+: invalid YAML/);
  });

  it('reports invalid JSON as JSON', () => {
    const err = catchError(() => parseSpecText('{"openapi": "3.0.0",\n  "info": }', 'bad.json'));
    expect(err.message).toMatch(/^invalid JSON/);
    expect(err.location?.line).toBe(2);
  });

  it('rejects duplicate keys', () => {
    const err = catchError(() => parseSpecText('openapi: 3.0.0\nopenapi: 3.1.0\n', 'dup.yaml'));
    expect(err.message).toMatch(/unique|duplicate/i);
  });

  it('rejects a document that is not an object', () => {
    expect(catchError(() => parseSpecText('- a\n- b\n', 'list.yaml')).message).toMatch(/not an object/);
  });

  it('locates JSON pointers in the source', () => {
    const spec = parseSpecText('openapi: 3.0.0\npaths:\n  /a~b/c:\n    get:\n      operationId: x\n', 's.yaml');
    expect(spec.locate('#/paths/~1a~0b~1c/get/operationId')).toMatchObject({ line: 5, column: 7 });
    expect(spec.locate('#/paths/missing')).toMatchObject({ line: 2 });
  });

  it('locates JSON pointers in a JSON source, array items and escaped keys included', () => {
    const text = '{\n  "openapi": "3.0.0",\n  "paths": {\n    "/a~b/c": {\n      "get": { "operationId": "x", "tags": ["t", "u"] }\n    }\n  }\n}\n';
    const spec = parseSpecText(text, 's.json');
    expect(spec.locate('#/paths/~1a~0b~1c/get/operationId')).toMatchObject({ line: 5, column: 16 });
    expect(spec.locate('#/paths/~1a~0b~1c/get/tags/1')).toMatchObject({ line: 5, column: 50 });
    expect(spec.locate('#/paths/missing')).toMatchObject({ line: 3, column: 3 });
  });
});

function catchError(fn: () => unknown): SpecloomError {
  try {
    fn();
  } catch (err) {
    return err as SpecloomError;
  }
  throw new Error('expected an error');
}
