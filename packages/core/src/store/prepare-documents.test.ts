import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { documentId } from './document-id.js';
import { prepareDocuments } from './prepare-documents.js';
import type { DocumentInput } from './vector-store.js';

const refusal = (documents: unknown) => {
  try {
    prepareDocuments(documents as DocumentInput[]);
  } catch (error) {
    expect(InvalidInputError.isInstance(error)).toBe(true);
    return error as InvalidInputError;
  }
  throw new Error('expected InvalidInputError');
};

describe('prepareDocuments', () => {
  it('keeps given ids and derives deterministic ones from text and metadata', () => {
    const [given, derived] = prepareDocuments([
      { id: 'mine', text: 'a' },
      { text: 'b', metadata: { source: 'x.md', page: 1 } },
    ]);
    const [again] = prepareDocuments([{ text: 'b', metadata: { page: 1, source: 'x.md' } }]);
    const [other] = prepareDocuments([{ text: 'b', metadata: { source: 'y.md', page: 1 } }]);
    expect(given).toEqual({ id: 'mine', text: 'a', metadata: {} });
    expect(derived!.id).toMatch(/^[0-9a-f]{32}$/);
    expect(again!.id).toBe(derived!.id);
    expect(other!.id).not.toBe(derived!.id);
    expect(documentId('b', { source: 'x.md', page: 1 })).toBe(derived!.id);
  });

  it('refuses a non-array and documents without usable text, naming the index', () => {
    expect(refusal({ text: 'a' }).message).toContain('Expected an array of documents');
    expect(refusal([{ text: 'a' }, { text: '' }]).index).toBe(1);
    expect(refusal([{ text: 'a' }, { body: 'a' }]).index).toBe(1);
    expect(refusal([null]).index).toBe(0);
    expect(refusal([{ text: 42 }]).index).toBe(0);
  });

  it('refuses bad ids and duplicate ids', () => {
    expect(refusal([{ id: '', text: 'a' }]).message).toContain('Document 0 has an id');
    expect(refusal([{ id: 7, text: 'a' }]).index).toBe(0);
    const duplicate = refusal([{ id: 'x', text: 'a' }, { text: 'b' }, { id: 'x', text: 'c' }]);
    expect(duplicate.message).toContain('Documents 0 and 2 have the same id "x"');
    expect(refusal([{ text: 'same' }, { text: 'same' }]).index).toBe(1);
  });

  it('refuses metadata that is not plain JSON, with the path', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const cases: [unknown, string][] = [
      [[1], 'not a plain object'],
      [{ when: new Date(0) }, '"when" is a Date instance'],
      [{ score: Number.NaN }, '"score" is NaN'],
      [{ nested: { fn: () => 1 } }, '"nested.fn" is a function'],
      [{ big: 1n }, '"big" is a bigint'],
      [circular, '"self" is a circular reference'],
    ];
    for (const [metadata, message] of cases) {
      expect(refusal([{ text: 'a' }, { text: 'b', metadata }]).message).toContain(message);
    }
    expect(
      prepareDocuments([{ text: 'a', metadata: { list: [1, 'x', null, { ok: true }] } }]),
    ).toHaveLength(1);
  });
});
