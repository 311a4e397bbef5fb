import { describe, expect, it } from 'vitest';
import { Lru } from '../src/cache/lru.js';

describe('Lru', () => {
  it('makes a value once per key and counts hits and misses', () => {
    const cache = new Lru<string>(4);
    let made = 0;
    const make = (key: string) => cache.remember(key, () => `${key}:${(made += 1)}`);
    expect([make('a'), make('b'), make('a')]).toEqual(['a:1', 'b:2', 'a:1']);
    expect({ hits: cache.hits, misses: cache.misses, made }).toEqual({ hits: 1, misses: 2, made: 2 });
  });

  it('drops the least recently used entry past its bound', () => {
    const cache = new Lru<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.size]).toEqual([1, undefined, 3, 2]);
  });
});
