// The two functions of qrcode@1.5.4 this project uses (it ships no types).
declare module 'qrcode' {
  export function toString(text: string, options?: { type?: 'terminal' | 'utf8' | 'svg'; small?: boolean }): Promise<string>;
  export function toBuffer(text: string, options?: { type?: 'png'; margin?: number; width?: number }): Promise<Buffer>;
  const qrcode: { toString: typeof toString; toBuffer: typeof toBuffer };
  export default qrcode;
}
