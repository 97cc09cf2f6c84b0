/** "1 person", "2,400 people": a count in words, with thousands separated as the school reads them. */
export const plural = (count: number, one: string, many = `${one}s`): string => `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`
