// A minimal PNG reader for the icon tests: 8-bit RGBA, not interlaced (what resvg writes). Anything else throws, so a
// test never compares pixels it misread. Independent of the renderer under test: zlib from Node, filters by the spec.
import zlib from "node:zlib";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PngHeader { width: number; height: number; bitDepth: number; colorType: number; interlace: number }

/** The IHDR fields; throws when the bytes are not a PNG. */
export function readPngHeader(png: Buffer): PngHeader {
  if (png.length < 33 || !png.subarray(0, 8).equals(SIGNATURE) || png.toString("latin1", 12, 16) !== "IHDR") throw new Error("not a PNG");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), bitDepth: png[24], colorType: png[25], interlace: png[28] };
}

/** Straight (not premultiplied) RGBA bytes, row by row. */
export function decodePng(png: Buffer): PngHeader & { rgba: Buffer } {
  const header = readPngHeader(png);
  if (header.bitDepth !== 8 || header.colorType !== 6 || header.interlace !== 0) throw new Error(`unsupported PNG: ${JSON.stringify(header)}`);
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString("latin1", at + 4, at + 8);
    if (type === "IDAT") idat.push(png.subarray(at + 8, at + 8 + length));
    if (type === "IEND") break;
    at += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = header.width * 4;
  if (raw.length !== header.height * (stride + 1)) throw new Error(`PNG data has ${raw.length} bytes, expected ${header.height * (stride + 1)}`);
  const rgba = Buffer.alloc(header.height * stride);
  for (let y = 0; y < header.height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= 4 ? rgba[out + x - 4] : 0;
      const b = y > 0 ? rgba[out - stride + x] : 0;
      const c = x >= 4 && y > 0 ? rgba[out - stride + x - 4] : 0;
      let predicted: number;
      switch (filter) {
        case 0: predicted = 0; break;
        case 1: predicted = a; break;
        case 2: predicted = b; break;
        case 3: predicted = (a + b) >> 1; break;
        case 4: {
          const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
          predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default: throw new Error(`unknown PNG filter ${filter} on row ${y}`);
      }
      rgba[out + x] = (line[x] + predicted) & 0xff;
    }
  }
  return { ...header, rgba };
}
