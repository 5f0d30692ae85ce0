// Cold start's baseline: the same kind of process as cold.mjs (node running an ES module file),
// importing nothing. coldImportMs is the difference of their medians.
