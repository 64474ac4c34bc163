// A one-line progress bar redrawn in place; only used when the stream is a terminal.

export class ProgressBar {
  private readonly stream: NodeJS.WritableStream & { columns?: number };
  private readonly label: string;
  private lastDraw = 0;

  constructor(stream: NodeJS.WritableStream & { columns?: number }, label: string) {
    this.stream = stream;
    this.label = label;
  }

  update(done: number, total: number): void {
    const now = Date.now();
    if (done < total && now - this.lastDraw < 50) return; // redraw at most 20 times a second
    this.lastDraw = now;
    const width = Math.max(10, Math.min(40, (this.stream.columns ?? 80) - this.label.length - 20));
    const filled = total ? Math.round((done / total) * width) : width;
    this.stream.write(`\r${this.label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`);
  }

  done(): void {
    this.stream.write('\r\x1b[2K');
  }
}
