// The Han characters every recognizer reads as text (CJK Unified Ideographs, the range the lexicons'
// [\u4e00-\u9fa5] classes use), as a code-unit test for hand-written scans.
export const isHan = (code: number): boolean => code >= 0x4e00 && code <= 0x9fa5;
