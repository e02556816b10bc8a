// The wa.me link as a QR code, for a candidate on a computer who wants WhatsApp on their phone. uqr does the
// encoding (3.5 KB min+brotli); this turns its module matrix into one SVG path, which scales without blur.
import { encode } from 'uqr';

/** `{ size, path }`: the side in modules (with a 2-module quiet zone) and an SVG path of the dark modules. */
export function qrPath(text: string): { size: number; path: string } {
  const { data, size } = encode(text, { ecc: 'M', border: 2 });
  let path = '';
  for (let y = 0; y < size; y++) {
    let x = 0;
    while (x < size) {
      if (!data[y]![x]) {
        x++;
        continue;
      }
      // A run of dark modules in a row is one rectangle: a much shorter path than one square per module.
      const start = x;
      while (x < size && data[y]![x]) x++;
      path += `M${start} ${y}h${x - start}v1h${start - x}z`;
    }
  }
  return { size, path };
}
