// Where the caller is heard: one <audio autoplay> element outside React (a call goes on while the
// counsellor opens another page of the app), sent to the chosen speaker where the browser can
// (setSinkId). Shows nothing: an <audio> without controls is not rendered.

type SinkAudio = HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };

export class RemoteAudio {
  private el: SinkAudio | null = null;
  private sinkId = '';

  private element(): SinkAudio {
    if (!this.el) {
      const el = document.createElement('audio') as SinkAudio;
      el.autoplay = true;
      el.dataset.softphoneAudio = '';
      document.body.appendChild(el);
      this.el = el;
      if (this.sinkId) void this.applySink();
    }
    return this.el;
  }

  play(stream: MediaStream): void {
    const el = this.element();
    if (el.srcObject !== stream) el.srcObject = stream;
    // Answering is a click, so the browser allows the sound; a refusal leaves the element to autoplay.
    void el.play().catch(() => undefined);
  }

  stop(): void {
    if (!this.el) return;
    this.el.pause();
    this.el.srcObject = null;
  }

  /** The speaker to use ('' for the default one). */
  setSink(id: string): void {
    this.sinkId = id;
    if (this.el) void this.applySink();
  }

  private async applySink(): Promise<void> {
    const el = this.el;
    if (!el?.setSinkId) return;
    try {
      await el.setSinkId(this.sinkId);
    } catch {
      // The speaker is gone: the default one keeps playing.
      await el.setSinkId('').catch(() => undefined);
    }
  }

  dispose(): void {
    this.stop();
    this.el?.remove();
    this.el = null;
  }
}
