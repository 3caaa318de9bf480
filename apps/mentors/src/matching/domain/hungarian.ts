/**
 * The rectangular assignment problem: assign each of `rows` rows to a distinct one of `cols`
 * columns (rows ≤ cols) so that the sum of `cost(row, col)` is minimal. Hungarian method with
 * potentials (Kuhn–Munkres in the O(rows² · cols) form), exact for integer costs.
 *
 * Returns, for each row, the column it was given.
 */
export function solveAssignment(rows: number, cols: number, cost: (row: number, col: number) => number): Int32Array {
  if (rows > cols) throw new Error(`solveAssignment needs rows (${rows}) ≤ cols (${cols})`);
  const INF = Number.POSITIVE_INFINITY;
  // 1-based, as in the classic formulation: row 0 / column 0 are sentinels.
  const u = new Float64Array(rows + 1);
  const v = new Float64Array(cols + 1);
  const owner = new Int32Array(cols + 1); // owner[col] = row assigned to col (0: none)
  const way = new Int32Array(cols + 1);
  const minv = new Float64Array(cols + 1);
  const used = new Uint8Array(cols + 1);

  for (let i = 1; i <= rows; i++) {
    owner[0] = i;
    let j0 = 0;
    minv.fill(INF);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = owner[j0]!;
      const ui0 = u[i0]!;
      let delta = INF;
      let j1 = 0;
      for (let j = 1; j <= cols; j++) {
        if (used[j]) continue;
        const cur = cost(i0 - 1, j - 1) - ui0 - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= cols; j++) {
        if (used[j]) {
          u[owner[j]!] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      j0 = j1;
    } while (owner[j0] !== 0);
    do {
      const j1 = way[j0]!;
      owner[j0] = owner[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }

  const assignment = new Int32Array(rows).fill(-1);
  for (let j = 1; j <= cols; j++) if (owner[j]! > 0) assignment[owner[j]! - 1] = j - 1;
  return assignment;
}
