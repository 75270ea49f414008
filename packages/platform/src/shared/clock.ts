/** The source of "now"; tests pass a fixed or advancing clock. */
export type Clock = () => Date;

/** The wall clock. */
export const systemClock: Clock = () => new Date();
