import type { CameToLight, CategoryQuestion, IncidentEntry } from '../../../shared/domain/incidents'
import type { DemoStory } from './demo-incident-stories'

/**
 * The details the policies name, for a demo entry: how it came to light, the address of what got
 * past the filter, whether anyone viewed an image. Chosen by the entry's number, not drawn from
 * the demo's random stream, so the rest of the demo log stays what it was before they existed.
 */
const PASTORAL_WAYS: readonly CameToLight[] = ['disclosure', 'staff', 'disclosure', 'parent', 'monitoring', 'staff', 'other-school', 'disclosure', 'parent', 'other']

/** Invented addresses (the reserved .example domain), by what the description is about. */
const ADDRESSES: Record<string, string> = {
  proxy: 'https://unblock-games.example/proxy',
  vpn: 'A free VPN app from the app store',
  gambling: 'https://spin-and-win.example',
  advert: 'https://free-puzzle-games.example (pop-up advert)',
  video: 'https://clip-share.example',
  image: 'Image search (safe search was off)',
}

const VIEWED_BY_DSL = 'The DSL looked once, on the pupil’s phone, to decide whether to refer to the police; the pupil could not describe it. No copy was made.'

export function demoDetails(story: DemoStory, asks: readonly CategoryQuestion[], tags: readonly string[], n: number): Pick<IncidentEntry, 'cameToLight' | 'url' | 'imageViewed' | 'imageViewedWhy'> {
  const details: Pick<IncidentEntry, 'cameToLight' | 'url' | 'imageViewed' | 'imageViewedWhy'> = {
    cameToLight: story.ict ? (n % 4 === 0 ? 'staff' : 'monitoring') : PASTORAL_WAYS[n % PASTORAL_WAYS.length],
  }
  if (asks.includes('url')) {
    const address = tags.map((t) => ADDRESSES[t]).find(Boolean)
    if (address) details.url = address
  }
  // Most images are never viewed; now and then the DSL had to, and says why.
  if (asks.includes('image-viewing')) {
    if (n % 5 === 0) Object.assign(details, { imageViewed: 'dsl', imageViewedWhy: VIEWED_BY_DSL })
    else details.imageViewed = 'no-one'
  }
  return details
}
