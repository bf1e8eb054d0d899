// Writes frames as a Y4M video, the format Chromium's fake camera plays (MJPEG gave black frames).
import { writeFileSync } from 'node:fs';

/** Grey 4:2:0 video: each frame's luma plane, then chroma planes at 128 (no colour). */
export function writeY4m(path: string, width: number, height: number, frames: Uint8Array[]): void {
  if (width % 2 !== 0 || height % 2 !== 0) throw new Error('Y4M 4:2:0 needs an even size.');
  const chroma = new Uint8Array((width / 2) * (height / 2)).fill(128);
  const parts: Uint8Array[] = [
    Buffer.from(`YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420jpeg\n`),
  ];
  for (const luma of frames) {
    if (luma.length !== width * height) throw new Error('A luma plane has the wrong size.');
    parts.push(Buffer.from('FRAME\n'), luma, chroma, chroma);
  }
  writeFileSync(path, Buffer.concat(parts));
}
