// Loaded with `node --import` before the CLI: every write to a file other than standard
// input, output and error writes half its bytes, then fails as a full disk does (ENOSPC).
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";

const writeSync = fs.writeSync;
fs.writeSync = (fd, buffer, offset = 0, length, ...rest) => {
  if (fd <= 2) return writeSync(fd, buffer, offset, length, ...rest);
  const half = Math.floor(((length ?? buffer.length - offset) || 2) / 2);
  writeSync(fd, buffer, offset, half);
  throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", errno: -28, syscall: "write" });
};
syncBuiltinESMExports();
