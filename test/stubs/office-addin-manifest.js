// office-addin-mock requires office-addin-manifest only for its OfficeApp names; the real package is
// ESM-only, which Jest's CommonJS runtime cannot load. These are the same values as the real enum.
module.exports = {
  OfficeApp: {
    Excel: "excel",
    OneNote: "onenote",
    Outlook: "outlook",
    PowerPoint: "powerpoint",
    Project: "project",
    Word: "word",
  },
};
