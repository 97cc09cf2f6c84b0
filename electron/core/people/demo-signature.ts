import { crc32, deflateSync } from 'node:zlib'

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/**
 * A made-up signature for demonstration agreements: a grey-and-alpha PNG with a looping stroke,
 * different for each seed, so printed demo agreements look like the real thing.
 */
export function demoSignaturePng(seed: number, width = 160, height = 48): Buffer {
  const pixels = Buffer.alloc((width * 2 + 1) * height) // filter byte + (grey, alpha) per pixel
  const plot = (x: number, y: number) => {
    for (let dx = 0; dx < 2; dx++) {
      for (let dy = 0; dy < 2; dy++) {
        const px = Math.round(x) + dx
        const py = Math.round(y) + dy
        if (px < 0 || py < 0 || px >= width || py >= height) continue
        const at = py * (width * 2 + 1) + 1 + px * 2
        pixels[at] = 20
        pixels[at + 1] = 255
      }
    }
  }
  const a = 2 + (seed % 5)
  const b = 0.6 + ((seed >> 3) % 7) / 10
  for (let t = 0; t <= 1; t += 0.0015) {
    const x = 8 + t * (width - 16)
    const y = height / 2 + Math.sin(t * Math.PI * a) * (height / 3) * Math.cos(t * Math.PI * b) + Math.sin(t * 40 + seed) * 3
    plot(x, y)
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 4 // grey + alpha
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}
