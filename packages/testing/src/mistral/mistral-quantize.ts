import { packSignBits } from '../simulators/semantic-vectors.js';

/** A simulated `output_dtype` answer for one float vector, as JSON integers. */
export function quantizeForMistral(
  vector: Float32Array,
  dtype: 'int8' | 'uint8' | 'binary' | 'ubinary',
): number[] {
  switch (dtype) {
    case 'int8':
      return Array.from(vector, (value) => Math.max(-128, Math.min(127, Math.round(value * 127))));
    case 'uint8':
      return Array.from(vector, (value) =>
        Math.max(0, Math.min(255, Math.round(((value + 1) / 2) * 255))),
      );
    case 'ubinary':
      return Array.from(packSignBits(vector));
    case 'binary':
      // Offset binary: the packed byte minus 128, as an int8.
      return Array.from(packSignBits(vector), (byte) => byte - 128);
  }
}
