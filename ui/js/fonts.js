// Whether this computer has a font for Chinese. Windows and macOS always do; a Linux PC without one
// (a Chinese font is not part of every distribution) would show every Chinese character as the same
// empty box. Two different characters drawn alike means neither has a glyph.
export function canShowChinese() {
  const canvas = document.createElement('canvas');
  canvas.width = 48;
  canvas.height = 48;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  const draw = (char) => {
    ctx.clearRect(0, 0, 48, 48);
    ctx.font = '32px sans-serif';
    ctx.fillText(char, 4, 36);
    return ctx.getImageData(0, 0, 48, 48).data.join(',');
  };
  return draw('支') !== draw('账');
}
