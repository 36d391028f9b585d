import { buildBaseImage } from '../entry/node-base-image.ts'

/** `npm run build:base-image` (and `prepare`, on npm install): see src/entry/node-base-image.ts. */
const started = performance.now()
const { file, built } = await buildBaseImage()
console.log(
  built
    ? `embedded database base image built in ${Math.round(performance.now() - started)} ms: ${file}`
    : `embedded database base image is current: ${file}`,
)
