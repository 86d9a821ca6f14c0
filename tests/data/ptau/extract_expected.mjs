// Writes expected.json: some points of the .ptau fixtures as decimal affine
// coordinates, decoded by ffjavascript (snarkjs's curve library) from the
// files' sections. (`snarkjs powersoftau export json` 0.7.6 prints each point
// as one garbled number, so the points are read here with the same library.)
//   node extract_expected.mjs pot6_contributed.ptau pot6_prepared.ptau > expected.json
import { buildBn128 } from "ffjavascript";
import * as binFileUtils from "@iden3/binfileutils";

const curve = await buildBn128(true);

async function readPoints(fd, sections, sectionId, group, indices, skip = 0) {
  const G = curve[group];
  const size = G.F.n8 * 2;  // uncompressed affine, little-endian Montgomery ("LEM")
  await binFileUtils.startReadUniqueSection(fd, sections, sectionId);
  const all = await fd.read(sections[sectionId][0].size);
  await binFileUtils.endReadSection(fd, true);
  const out = {};
  for (const i of indices) {
    const p = G.toAffine(G.fromRprLEM(all, (skip + i) * size));
    const o = G.toObject(p);
    out[i] = group === "G1"
      ? [o[0].toString(), o[1].toString()]
      : [[o[0][0].toString(), o[0][1].toString()], [o[1][0].toString(), o[1][1].toString()]];
  }
  return out;
}

async function pick(file) {
  const { fd, sections } = await binFileUtils.readBinFile(file, "ptau", 1);
  await binFileUtils.startReadUniqueSection(fd, sections, 1);
  const n8 = await fd.readULE32();
  await fd.read(n8);  // prime
  const power = await fd.readULE32();
  const ceremonyPower = await fd.readULE32();
  await binFileUtils.endReadSection(fd);
  const result = {
    power,
    ceremony_power: ceremonyPower,
    tau_g1: await readPoints(fd, sections, 2, "G1", [0, 1, 2, 5, 63, 126]),
    tau_g2: await readPoints(fd, sections, 3, "G2", [0, 1, 63]),
  };
  if (sections[12]) {
    // Section 12: for p = 0..power, the 2^p points L_i(tau)·G1 of the domain of size 2^p.
    result.lagrange_g1 = {
      3: await readPoints(fd, sections, 12, "G1", [0, 1, 2, 3, 4, 5, 6, 7], 1 + 2 + 4),
      6: await readPoints(fd, sections, 12, "G1", [0, 1, 17, 63], 127 - 64),
    };
  }
  await fd.close();
  return result;
}

const out = {};
for (const file of process.argv.slice(2)) out[file.replace(/\.ptau$/, "")] = await pick(file);
process.stdout.write(JSON.stringify(out, null, 1) + "\n");
await curve.terminate();
