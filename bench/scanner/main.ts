// The page bench/scanner.bench.ts loads in Chromium: decodes the same camera-like frames with our
// reader (src/scan/codeReader, ZXing as WebAssembly) and with jsQR, and reports time and reads.
import jsQR from 'jsqr';
import { createCodeReader } from '../../src/scan/codeReader';
import { lumaToRgba, qrLumaFrames } from '../../tests/e2e/support/qrFrames';

export interface ScannerBenchOptions {
  text: string;
  sizes: { width: number; height: number }[];
  frames: number;
  rounds: number;
}

export interface DecoderFigures {
  msPerFrame: number;
  read: number;
  decodes: number;
}

export interface ScannerBenchResult {
  engine: string;
  userAgent: string;
  sizes: { width: number; height: number; ours: DecoderFigures; jsqr: DecoderFigures }[];
}

declare global {
  interface Window {
    runScannerBench?: (options: ScannerBenchOptions) => Promise<ScannerBenchResult>;
  }
}

async function runScannerBench(options: ScannerBenchOptions): Promise<ScannerBenchResult> {
  const reader = await createCodeReader();
  const sizes: ScannerBenchResult['sizes'] = [];
  for (const { width, height } of options.sizes) {
    const images = qrLumaFrames({ text: options.text, width, height, frames: options.frames }).map(
      (luma) => new ImageData(lumaToRgba(luma), width, height),
    );
    const first = images[0];
    if (first === undefined) throw new Error('No frames to decode.');
    // Warm-up: the first decode pays for allocating buffers (and compiling, for jsQR's JIT).
    await reader.read(first);
    jsQR(first.data, width, height, { inversionAttempts: 'dontInvert' });

    const ours: DecoderFigures = { msPerFrame: 0, read: 0, decodes: 0 };
    const theirs: DecoderFigures = { msPerFrame: 0, read: 0, decodes: 0 };
    let oursMs = 0;
    let theirsMs = 0;
    for (let round = 0; round < options.rounds; round++) {
      for (const image of images) {
        let start = performance.now();
        const code = await reader.read(image);
        oursMs += performance.now() - start;
        ours.decodes++;
        if (code?.text === options.text) ours.read++;

        start = performance.now();
        // Our labels are dark on light: jsQR's faster setting, the fairest baseline.
        const found = jsQR(image.data, width, height, { inversionAttempts: 'dontInvert' });
        theirsMs += performance.now() - start;
        theirs.decodes++;
        if (found?.data === options.text) theirs.read++;
      }
    }
    ours.msPerFrame = oursMs / ours.decodes;
    theirs.msPerFrame = theirsMs / theirs.decodes;
    sizes.push({ width, height, ours, jsqr: theirs });
  }
  return { engine: reader.engine, userAgent: navigator.userAgent, sizes };
}

window.runScannerBench = runScannerBench;
