// Reads QR and Code 128 from a camera frame: the browser's own BarcodeDetector where it has one,
// else ZXing compiled to WebAssembly, loaded from our own origin so it works with no network.
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

/** Our labels carry a QR code; pre-printed envelopes often a Code 128 barcode. */
export const SCAN_FORMATS = ['qr_code', 'code_128'] as const;

export interface ReadCode {
  text: string;
  format: string;
}

export interface CodeReader {
  /** Which engine reads: shown nowhere, but handy in a bug report and in the benchmark. */
  readonly engine: 'native' | 'zxing';
  /** The first code found in the frame, or null. */
  read(frame: ImageData): Promise<ReadCode | null>;
}

/** The Shape Detection API as far as Loupe uses it (not in TypeScript's DOM types). */
interface NativeDetector {
  detect(image: ImageData): Promise<{ rawValue: string; format: string }[]>;
}
interface NativeDetectorClass {
  new (options: { formats: string[] }): NativeDetector;
  getSupportedFormats(): Promise<string[]>;
}

/** The URL the built app serves the reader's .wasm at (in dist/assets, so the worker precaches it). */
export const ZXING_WASM_URL: string = wasmUrl;

/** The native detector (Chrome on Android, Safari 17+ on some devices), else ZXing. */
export async function createCodeReader(): Promise<CodeReader> {
  return (await nativeReader()) ?? (await zxingReader());
}

let shared: Promise<CodeReader> | null = null;

/**
 * One reader for the app's life: the .wasm is fetched and compiled once, so coming back to the
 * scanner is instant. A failed load is forgotten, so the next visit tries again.
 */
export function sharedCodeReader(): Promise<CodeReader> {
  shared ??= createCodeReader().catch((err: unknown) => {
    shared = null;
    throw err;
  });
  return shared;
}

async function nativeReader(): Promise<CodeReader | null> {
  if (!('BarcodeDetector' in window)) return null;
  const Native = (window as unknown as { BarcodeDetector: NativeDetectorClass }).BarcodeDetector;
  try {
    const supported = await Native.getSupportedFormats();
    // Without QR it is no use to us: ZXing reads both.
    if (!supported.includes('qr_code')) return null;
    const detector = new Native({ formats: SCAN_FORMATS.filter((f) => supported.includes(f)) });
    return { engine: 'native', read: async (frame) => first(await detector.detect(frame)) };
  } catch {
    return null;
  }
}

async function zxingReader(): Promise<CodeReader> {
  // Loaded on first scan only: the jobs list need not pay for it.
  const { BarcodeDetector, prepareZXingModule } = await import('barcode-detector/ponyfill');
  // Never the CDN the package defaults to: the casting room has no network, and the service
  // worker has our copy precached.
  await prepareZXingModule({
    overrides: {
      locateFile: (path: string, prefix: string) =>
        path.endsWith('.wasm') ? ZXING_WASM_URL : prefix + path,
    },
    fireImmediately: true,
  });
  const detector = new BarcodeDetector({ formats: [...SCAN_FORMATS] });
  return { engine: 'zxing', read: async (frame) => first(await detector.detect(frame)) };
}

function first(found: readonly { rawValue: string; format: string }[]): ReadCode | null {
  const hit = found.find((b) => b.rawValue !== '');
  return hit ? { text: hit.rawValue, format: hit.format } : null;
}
