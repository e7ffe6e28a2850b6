/**
 * The MS-CFB (compound file) values both sides of the project need: the `.msg` writer
 * (compound-file.ts) and the gateway's upload check (src/server/outlook-container.ts).
 */

/** Bytes of a mini sector, and the stream size from which a stream lives in ordinary sectors. */
export const MINI_SECTOR = 64;
export const MINI_CUTOFF = 4096;
/** Bytes of a directory entry; FAT sector locations the header itself holds (its DIFAT). */
export const ENTRY_SIZE = 128;
export const HEADER_DIFAT = 109;

/** Special sector numbers (MS-CFB 2.1). */
export const MAXREGSECT = 0xfffffffa;
export const DIFSECT = 0xfffffffc;
export const FATSECT = 0xfffffffd;
export const ENDOFCHAIN = 0xfffffffe;
export const FREESECT = 0xffffffff;
/** No sibling or child in a directory entry. */
export const NOSTREAM = 0xffffffff;

export const SIGNATURE: readonly number[] = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Directory entry object types. */
export const TYPE_STORAGE = 1;
export const TYPE_STREAM = 2;
export const TYPE_ROOT = 5;
