// office-addin-mock requires office-addin-manifest at load time but never calls it in tests;
// the real package is ESM-only, which Jest's CommonJS runtime cannot load.
module.exports = {};
