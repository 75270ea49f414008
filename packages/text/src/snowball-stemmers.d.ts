// Type declarations for the untyped CommonJS package `snowball-stemmers` (a JavaScript port of the
// Snowball stemmers, the same algorithms PostgreSQL's full-text search uses).
declare module 'snowball-stemmers' {
  /** One Snowball stemmer instance. */
  export interface Stemmer {
    stem(word: string): string;
  }
  /** The package's factory. */
  export interface Factory {
    newStemmer(algorithm: string): Stemmer;
    algorithms(): string[];
  }
  const factory: Factory;
  export default factory;
}
