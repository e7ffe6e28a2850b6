/** The three inputs of the msg benchmark, generated (no committed binaries). */
import { mail } from "../msg/generated-messages";
import { pseudoRandomBytes } from "../msg/mime-builder";

export function generatedBenchInputs(): Array<{ name: string; mime: Uint8Array }> {
  const big = mail({
    name: "bench-4mb",
    subject: "One 3 MB attachment in a 4 MB message",
    text: "See attached scan.\r\n",
    files: [{ name: "scan.pdf", type: "application/pdf", bytes: pseudoRandomBytes(3_000_000, 1) }],
  }).mime;
  const many = mail({
    name: "bench-200",
    subject: "200 small attachments",
    text: "Many files.\r\n",
    files: Array.from({ length: 200 }, (_, i) => ({
      name: `doc-${i}.txt`,
      type: "text/plain",
      bytes: pseudoRandomBytes(2_000, 100 + i),
    })),
  }).mime;
  const line = "Lorem ipsum dolor sit amet, consectetur adipiscing elit — é à ü. ";
  const text = `${line.repeat(Math.ceil(1_000_000 / line.length))}`.slice(0, 1_000_000);
  const bodies = mail({
    name: "bench-bodies",
    subject: "1 MB text and 1 MB HTML",
    text,
    html: `<html><body><p>${text.slice(0, 999_950)}</p></body></html>`,
  }).mime;
  return [
    { name: "4mb-one-3mb-attachment", mime: big },
    { name: "200-attachments", mime: many },
    { name: "1mb-text-1mb-html", mime: bodies },
  ];
}
