// Stands in for zod's locale index in the pane bundle: CaseMail sets no zod locale (officers read
// the catalogues' messages, never zod's), and zod's CommonJS build would otherwise ship all ~50.
exports.en = require("zod/v4/locales/en.cjs").default;
