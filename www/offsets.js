// The core reports UTF-8 byte offsets (as its CLI does); the DOM counts UTF-16 code units.
// `byteToUtf16(text)` returns a function mapping one to the other for that text. It is
// built lazily, only for the article open in the reader, in one pass over the text.

export function byteToUtf16(text) {
  const bytes = new TextEncoder().encode(text).length;
  const map = new Uint32Array(bytes + 1);
  let b = 0;
  for (let u = 0; u < text.length; u++) {
    const c = text.charCodeAt(u);
    let n;
    if (c < 0x80) n = 1;
    else if (c < 0x800) n = 2;
    else if (c >= 0xd800 && c <= 0xdbff && u + 1 < text.length) {
      // A surrogate pair: 4 bytes for 2 code units.
      map[b] = u; map[b + 1] = u; map[b + 2] = u; map[b + 3] = u;
      b += 4;
      u += 1;
      continue;
    } else n = 3;
    for (let k = 0; k < n; k++) map[b + k] = u;
    b += n;
  }
  map[bytes] = text.length;
  return (offset) => {
    if (!Number.isFinite(offset) || offset <= 0) return 0;
    if (offset >= bytes) return text.length;
    return map[offset];
  };
}
