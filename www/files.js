// Files from the picker or from a drop (files and whole folders, via webkitGetAsEntry).

export const ACCEPTED = ['.txt', '.html', '.htm', '.md'];
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export function extensionOf(name) {
  const m = /\.[^./\\]+$/.exec(name);
  return m ? m[0].toLowerCase() : '';
}

/**
 * Sorts the files into `{ok: [{name, file}], rejected: [{name, message}], skipped}`.
 * Files found inside a dropped folder that are not articles are only counted (`skipped`):
 * a folder of articles often holds images and indexes too.
 */
export function triage(entries) {
  const ok = [];
  const rejected = [];
  let skipped = 0;
  for (const { file, path, inFolder, unreadable } of entries) {
    const name = path || file.name;
    const ext = extensionOf(name);
    if (unreadable) {
      rejected.push({ name, message: `cannot be read: ${unreadable}` });
    } else if (!ACCEPTED.includes(ext)) {
      if (inFolder) skipped += 1;
      else rejected.push({ name, message: `not an article file (${ext || 'no extension'}): only ${ACCEPTED.join(', ')} are read` });
    } else if (file.size > MAX_FILE_BYTES) {
      rejected.push({ name, message: `too large (${(file.size / 1048576).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB)` });
    } else {
      ok.push({ name, file });
    }
  }
  return { ok, rejected, skipped };
}

/** Everything dropped: files, and the files inside dropped folders (recursively). */
export async function filesFromDrop(dataTransfer) {
  const items = Array.from(dataTransfer.items || []);
  const entries = items.map((it) => (it.kind === 'file' && it.webkitGetAsEntry ? it.webkitGetAsEntry() : null));
  if (!entries.some(Boolean)) {
    return Array.from(dataTransfer.files || []).map((file) => ({ file, path: file.name, inFolder: false }));
  }
  const out = [];
  const errors = [];
  await Promise.all(entries.map((entry, i) => {
    if (entry) return walk(entry, '', false, out, errors);
    const f = items[i].getAsFile?.();
    if (f) out.push({ file: f, path: f.name, inFolder: false });
    return null;
  }));
  return out.concat(errors);
}

async function walk(entry, prefix, inFolder, out, errors) {
  if (entry.isFile) {
    try {
      const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
      out.push({ file, path: prefix + entry.name, inFolder });
    } catch (err) {
      errors.push({ file: new File([], entry.name), path: prefix + entry.name, inFolder, unreadable: err?.message || 'cannot be read' });
    }
    return;
  }
  if (!entry.isDirectory) return;
  if (entry.name.startsWith('.')) return; // .git, .DS_Store folders…
  const reader = entry.createReader();
  const children = [];
  for (;;) {
    // readEntries returns at most ~100 entries per call: call until it returns nothing.
    const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject)).catch(() => []);
    if (!batch.length) break;
    children.push(...batch);
  }
  children.sort((a, b) => a.name.localeCompare(b.name));
  for (const child of children) {
    if (child.isFile && child.name.startsWith('.')) continue;
    await walk(child, `${prefix}${entry.name}/`, true, out, errors);
  }
}
