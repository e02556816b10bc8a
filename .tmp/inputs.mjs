import { buildLoader } from '../scripts/cdn-chunks.mjs';
import { build } from 'esbuild';
const tag = process.argv[2] ?? 'recrubo-flow-run-status';
const out = await buildLoader({ outdir: '/work/wt/loading/.tmp/cdn', write: false });
const c = out.chunks[tag];
// rebuild with metafile for inputs
import { cdnBuildOptions } from '../scripts/cdn-options.mjs';
import { discoverElements } from '../scripts/elements.mjs';
const el = discoverElements().find(e=>e.tag===tag);
const r = await build(cdnBuildOptions({ entryPoints: {[tag]: el.define}, outdir: '/work/wt/loading/.tmp/x', entryNames:'[name]', chunkNames:'chunks/[name]-[hash]', splitting:true, banner:undefined, write:false, metafile:true }));
const files = [c.entry, ...c.static].map(f=>'.tmp/x/'+f);
const inputs = {};
for (const f of files) for (const [k,v] of Object.entries(r.metafile.outputs[f].inputs)) inputs[k]=(inputs[k]??0)+v.bytesInOutput;
const sorted = Object.entries(inputs).sort((a,b)=>b[1]-a[1]);
let t=0; for (const [k,v] of sorted) { t+=v; if (v>150) console.log(String(v).padStart(6), k.replace(/.*node_modules\//,'nm:')); }
console.log('total', t);
