/**
 * webpack: an array of configurations, one per bundle, so that the send-time handler keeps its own
 * strict settings whatever the task pane needs.
 *
 * - `events`: events.js, ONE self-contained classic script for classic Outlook's JavaScript-only
 *   runtime (no DOM, no imports, no chunks, no eval, no dev-server injection), and events.html
 *   that loads it beside office.js for the web, new Outlook and Mac. It also writes the deployment
 *   files: manifest.xml (URLs from ADDIN_BASE_URL, SendMode), config.json and the icons.
 * - further configurations (task pane, workbench) are appended to `configs` below.
 *
 * Production builds need ADDIN_BASE_URL (https://...); `--env sendMode=Block` (or
 * CASEMAIL_SEND_MODE=Block) makes OnMessageSend Block instead of SoftBlock (docs/admin-guide.md).
 */
const path = require("node:path");
const webpack = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
// The manifest and config code is TypeScript shared with the command line; tsx loads it here.
const tsx = require("tsx/cjs/api");

const root = __dirname;
const dist = path.join(root, "dist");
const devBaseUrl = "https://localhost:3000";
const officeJsCdn = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
// webpack 5 bundles zod 4's ESM build wrongly: `z.iso.date()` behaves as `z.date()` and refuses
// every YYYY-MM-DD string (found by the browser tests). Its CommonJS build bundles correctly;
// events.js keeps that alias (it uses zod/mini; the alias covers a classic import arriving).
const zodAlias = { zod$: require.resolve("zod") };
// The cause: zod's package.json lets webpack skip its re-export modules, and resolving the nested
// name `z.iso.date` through `export * as iso` then lands on the top-level `date` (webpack 5.113).
// Keeping zod's `external.js` as a module of its own stops the skip at that namespace. The task
// pane uses the ESM build so: it tree-shakes, where the CommonJS one ships all of zod to be
// parsed at every opening (issue #5). test/browser/zod-esm-bundle.test.ts checks it.
const zodNamespaceRule = {
  test: /[\\/]node_modules[\\/]zod[\\/]v4[\\/]classic[\\/]external\.js$/,
  sideEffects: true,
};

function buildSettings(env, argv) {
  const mode = argv.mode === "production" ? "production" : "development";
  const { resolveBuildSettings } = tsx.require("./src/cli/commands/build-manifest.ts", __filename);
  try {
    return resolveBuildSettings({
      mode,
      baseUrl: process.env.ADDIN_BASE_URL,
      sendMode: (env && env.sendMode) || process.env.CASEMAIL_SEND_MODE,
      configPath: process.env.CASEMAIL_CONFIG,
      devBaseUrl,
    });
  } catch (error) {
    // A settings mistake is the admin's to fix: one line, no stack trace.
    process.stderr.write(`build: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
}

function eventsConfig(settings) {
  const { buildManifest } = tsx.require("./src/cli/commands/build-manifest.ts", __filename);
  return {
    name: "events",
    mode: settings.mode,
    context: root,
    // ES2016 syntax: classic Outlook's sandbox for event handlers supports no later edition.
    target: ["web", "es2016"],
    entry: { events: "./src/events/entry.ts" },
    output: {
      path: dist,
      filename: "[name].js",
      iife: true,
      // Everything in one file: a dynamic import must not become a chunk to fetch.
      asyncChunks: false,
      chunkLoading: false,
      wasmLoading: false,
      // No `self` or `window` in the JavaScript-only runtime.
      globalObject: "globalThis",
      publicPath: "",
    },
    devtool: false,
    // `webpack serve` must not inject its client or hot reloading here: the JavaScript-only
    // runtime cannot run them. It still serves the file; reload Outlook to pick up a change.
    devServer: false,
    resolve: { extensions: [".ts", ".js"], alias: zodAlias },
    module: {
      parser: { javascript: { dynamicImportMode: "eager" } },
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          loader: "ts-loader",
          options: {
            configFile: path.join(root, "tsconfig.json"),
            transpileOnly: true,
            // ES modules let webpack drop what the handler does not use; ES2016 output for the runtime.
            compilerOptions: { module: "es2020", target: "es2016", sourceMap: false },
          },
        },
        {
          // Libraries ship ES2020 (optional chaining, `??`); bring them down to ES2016 as well.
          test: /\.m?js$/,
          include: /node_modules/,
          loader: "ts-loader",
          options: {
            configFile: path.join(root, "tsconfig.json"),
            transpileOnly: true,
            compilerOptions: {
              allowJs: true,
              module: "es2020",
              target: "es2016",
              sourceMap: false,
            },
          },
        },
      ],
    },
    optimization: {
      splitChunks: false,
      runtimeChunk: false,
      minimize: settings.mode === "production",
      concatenateModules: true,
    },
    // The handler must stay under 150 KB minified (DESIGN.md section 6).
    performance:
      settings.mode === "production"
        ? { hints: "error", maxAssetSize: 150 * 1024, maxEntrypointSize: 150 * 1024 }
        : false,
    plugins: [
      // Before anything else in events.js: the sandbox predates `globalThis` (ES2020). At the top
      // level of a classic script `this` is the global object.
      new webpack.BannerPlugin({
        banner: 'var globalThis = typeof globalThis !== "undefined" ? globalThis : this;',
        raw: true,
        entryOnly: true,
      }),
      new webpack.DefinePlugin({
        __CASEMAIL_CONFIG__: JSON.stringify(settings.config),
        __CASEMAIL_BUILD__: JSON.stringify({ mode: settings.mode, sendMode: settings.sendMode }),
      }),
      new HtmlWebpackPlugin({
        filename: "events.html",
        chunks: ["events"],
        inject: "head",
        scriptLoading: "blocking",
        minify: false,
        templateContent: `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta http-equiv="X-UA-Compatible" content="IE=Edge">
  <title>CaseMail send checks</title>
  <script src="${officeJsCdn}"></script>
</head>
<body></body>
</html>
`,
      }),
      new CopyWebpackPlugin({
        patterns: [
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) =>
              buildManifest(content.toString("utf8"), {
                baseUrl: settings.baseUrl,
                sendMode: settings.sendMode,
              }),
          },
          { from: "assets/icon-*.png", to: "assets/[name][ext]" },
        ],
      }),
      {
        // config.json: the admin's file (CASEMAIL_CONFIG), validated, or the embedded defaults;
        // and the well-known file that names events.js for the JavaScript-only runtime.
        apply(compiler) {
          compiler.hooks.thisCompilation.tap("CaseMailConfig", (compilation) => {
            compilation.hooks.processAssets.tap(
              {
                name: "CaseMailConfig",
                stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL,
              },
              () => {
                compilation.emitAsset(
                  "config.json",
                  new webpack.sources.RawSource(`${JSON.stringify(settings.config, null, 2)}\n`)
                );
                // Lets classic Outlook's JavaScript-only runtime make CORS calls from events.js.
                const allowed = { allowed: [`${settings.baseUrl}/events.js`] };
                compilation.emitAsset(
                  ".well-known/microsoft-officeaddins-allowed.json",
                  new webpack.sources.RawSource(`${JSON.stringify(allowed, null, 2)}\n`)
                );
              }
            );
          });
        },
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Task pane (React 18 + Fluent UI 9) and, in development only, the workbench that hosts it on a
// simulated Outlook item. Never `eval` source maps: the pages ship a strict CSP.

function paneCsp(settings, { workbench }) {
  const gateway = new URL(settings.config.gateway.baseUrl).origin;
  const connect = workbench
    ? ["'self'", "http://localhost:*", "http://127.0.0.1:*", "https://localhost:*"]
    : ["'self'", gateway, "https://graph.microsoft.com", "https://login.microsoftonline.com"];
  return [
    "default-src 'self'",
    `script-src 'self'${workbench ? "" : " https://appsforoffice.microsoft.com"}`,
    // Fluent UI (Griffel) inserts its style rules at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${connect.join(" ")}`,
    "frame-src 'self' https://login.microsoftonline.com",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

function paneConfig(settings) {
  const production = settings.mode === "production";
  const workbench = !production;
  const html = (options) => new HtmlWebpackPlugin({ minify: production, ...options });
  return {
    name: "taskpane",
    mode: settings.mode,
    context: root,
    target: ["web", "es2020"],
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      // The sign-in dialog where nested app authentication is unavailable (src/auth).
      "auth-dialog": "./src/auth/auth-dialog-entry.ts",
      ...(workbench
        ? {
            workbench: "./src/workbench/index.ts",
            "workbench-host": "./src/workbench/pane-host.ts",
            // Runs events.js with no DOM, as classic Outlook on Windows does (workbench Send).
            "workbench-classic-worker": "./src/workbench/classic-worker.ts",
          }
        : {}),
    },
    output: {
      path: dist,
      filename: production ? "[name].[contenthash:8].js" : "[name].js",
      publicPath: "",
    },
    devtool: production ? false : "source-map",
    resolve: { extensions: [".tsx", ".ts", ".js"] },
    module: {
      rules: [
        zodNamespaceRule,
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          loader: "ts-loader",
          options: {
            configFile: path.join(root, "tsconfig.json"),
            transpileOnly: true,
            compilerOptions: { module: "es2020", target: "es2020", sourceMap: !production },
          },
        },
      ],
    },
    performance: false,
    plugins: [
      new webpack.DefinePlugin({ __CASEMAIL_CONFIG__: JSON.stringify(settings.config) }),
      html({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        csp: paneCsp(settings, { workbench: false }),
        headScripts: [officeJsCdn],
      }),
      html({
        filename: "auth-dialog.html",
        template: "./src/auth/auth-dialog.html",
        chunks: ["auth-dialog"],
        csp: paneCsp(settings, { workbench: false }),
        headScripts: [officeJsCdn],
      }),
      ...(workbench
        ? [
            html({
              filename: "workbench.html",
              template: "./src/workbench/workbench.html",
              chunks: ["workbench"],
            }),
            // The real pane bundle, after the shim installer instead of office.js.
            html({
              filename: "pane-frame.html",
              template: "./src/workbench/pane-frame.html",
              chunks: ["workbench-host", "taskpane"],
              chunksSortMode: "manual",
              csp: paneCsp(settings, { workbench: true }),
            }),
            html({
              filename: "events-frame.html",
              template: "./src/workbench/events-frame.html",
              inject: false,
            }),
          ]
        : []),
    ],
  };
}

module.exports = (env, argv) => {
  const settings = buildSettings(env, argv);
  const configs = [eventsConfig(settings), paneConfig(settings)];
  return configs;
};
