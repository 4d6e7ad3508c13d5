/**
 * Writes the simulated Docker Hub's catalog (simulator/catalog/format.ts):
 *
 *   npx tsx scripts/catalog/generate.ts
 *
 * public/catalog/index.json, images/<key>.json and layers/<hex>.json, from
 * the image specs in images.ts, then the package mirrors under packages/
 * (apt-mirror.ts from Debian's packages, apk-mirror.ts curated for Alpine). Package versions are pinned in
 * packages.lock.json and .debs cached in .cache/, so a rerun writes the same
 * bytes. Run `apt-get update` first when a package is not pinned yet.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOG_VERSION, type CatalogImage, type CatalogIndex, type CatalogLayerRef } from '../../simulator/catalog/format';
import { digestOf, hexOf } from '../../simulator/digest/digest';
import { writeApkMirror } from './apk-mirror';
import { writeAptMirrors } from './apt-mirror';
import { saveLock } from './debs';
import { IMAGES, REPOSITORIES, loadBusyboxApplets } from './images';
import { buildLayer } from './layers';

const OUT = new URL('../../public/catalog/', import.meta.url).pathname;

/** Docker's HumanSizeWithPrecision(size, 3): decimal units, 3 significant digits. */
export function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let size = bytes;
  let unit = 0;
  while (size >= 1000 && unit < units.length - 1) {
    size /= 1000;
    unit++;
  }
  return `${Number(size.toPrecision(3))}${units[unit]}`;
}

async function main(): Promise<void> {
  await loadBusyboxApplets();
  mkdirSync(join(OUT, 'images'), { recursive: true });
  mkdirSync(join(OUT, 'layers'), { recursive: true });
  const built = new Map<string, CatalogLayerRef>();
  const writtenLayers = new Set<string>();
  const writtenImages = new Set<string>();
  const report: string[] = [];
  for (const image of IMAGES) {
    const refs: CatalogLayerRef[] = [];
    for (const spec of image.layers) {
      let ref = built.get(spec.key);
      if (!ref) {
        const started = Date.now();
        const tree = await spec.build();
        const { layer, ref: made } = await buildLayer(spec.key, tree, spec.textPolicy);
        const file = `${hexOf(layer.diffId)}.json`;
        writeFileSync(join(OUT, 'layers', file), JSON.stringify(layer));
        writtenLayers.add(file);
        ref = made;
        built.set(spec.key, ref);
        console.error(`layer ${spec.key}: ${layer.entries.length} entries, ${humanSize(ref.size)}, ${Date.now() - started} ms`);
      }
      refs.push(ref);
    }
    const config = JSON.stringify(image.config(refs.map((ref) => ref.diffId)));
    const catalogImage: CatalogImage = { version: CATALOG_VERSION, config, layers: refs };
    writeFileSync(join(OUT, 'images', `${image.key}.json`), JSON.stringify(catalogImage));
    writtenImages.add(`${image.key}.json`);
    const size = refs.reduce((sum, ref) => sum + ref.size, 0);
    report.push(`${image.key.padEnd(40)} ${String(refs.length).padStart(2)} layers  ${humanSize(size).padStart(7)}  ${hexOf(digestOf(config)).slice(0, 12)}`);
  }
  const index: CatalogIndex = { version: CATALOG_VERSION, repositories: REPOSITORIES };
  for (const [name, repository] of Object.entries(REPOSITORIES)) {
    for (const [tag, key] of Object.entries(repository.tags)) if (!writtenImages.has(`${key}.json`)) throw new Error(`${name}:${tag} names image ${key}, which no spec builds`);
  }
  writeFileSync(join(OUT, 'index.json'), JSON.stringify(index));
  // Files of images and layers no longer in the catalog.
  for (const [dir, keep] of [['images', writtenImages], ['layers', writtenLayers]] as const) {
    for (const file of readdirSync(join(OUT, dir))) if (!keep.has(file)) rmSync(join(OUT, dir, file));
  }
  // The package mirrors last: their package set is read from the images just written.
  await writeAptMirrors();
  await writeApkMirror();
  saveLock();
  console.log(report.join('\n'));
}

await main();
