/** A participant or statement identifier as it appears in the source (Pol.is uses integers). */
export type Id = string | number;
