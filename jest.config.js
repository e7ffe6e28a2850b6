/** Two Jest projects: pure and server code under Node, React and Office adapters under jsdom. */
const common = {
  transform: { "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  moduleFileExtensions: ["ts", "tsx", "js", "json"],
  // office-addin-mock imports office-addin-manifest, which is ESM-only; the mock never needs it.
  moduleNameMapper: { "^office-addin-manifest$": "<rootDir>/test/stubs/office-addin-manifest.js" },
};

module.exports = {
  collectCoverageFrom: ["src/**/*.{ts,tsx}", "!src/**/*.d.ts"],
  coverageReporters: ["text-summary", "json-summary"],
  projects: [
    {
      ...common,
      displayName: "node",
      testEnvironment: "node",
      testMatch: ["<rootDir>/test/**/*.test.ts"],
      testPathIgnorePatterns: [
        "/node_modules/",
        "<rootDir>/test/taskpane/",
        "<rootDir>/test/office/",
      ],
    },
    {
      ...common,
      displayName: "jsdom",
      testEnvironment: "jsdom",
      testMatch: [
        "<rootDir>/test/taskpane/**/*.test.ts?(x)",
        "<rootDir>/test/office/**/*.test.ts?(x)",
      ],
    },
  ],
};
