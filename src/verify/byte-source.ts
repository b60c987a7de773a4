/** Exact-size reads over a stream of chunks, without holding the whole stream in memory. */
export class ByteSource {
  private chunk: Buffer = Buffer.alloc(0);
  private pos = 0;
  private ended = false;

  constructor(private readonly chunks: AsyncIterator<Buffer>) {}

  static from(iterable: AsyncIterable<Buffer>): ByteSource {
    return new ByteSource(iterable[Symbol.asyncIterator]());
  }

  /** Make sure some unread bytes are at hand; false at the end of the stream. */
  private async fill(): Promise<boolean> {
    while (this.pos >= this.chunk.length) {
      if (this.ended) return false;
      const next = await this.chunks.next();
      if (next.done === true) {
        this.ended = true;
        return false;
      }
      this.chunk = next.value;
      this.pos = 0;
    }
    return true;
  }

  /** Pass the next `n` bytes to `onPart` in pieces; returns how many there were. */
  async consume(n: number, onPart: (part: Buffer) => void = () => undefined): Promise<number> {
    let left = n;
    while (left > 0 && (await this.fill())) {
      const part = this.chunk.subarray(this.pos, this.pos + left);
      this.pos += part.length;
      left -= part.length;
      onPart(part);
    }
    return n - left;
  }

  /** The next `n` bytes (fewer only at the end of the stream). */
  async read(n: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    const got = await this.consume(n, (p) => parts.push(p));
    return Buffer.concat(parts, got);
  }
}
