// Prints the README snippet NAME (for scripts/test-edge.sh): node snippet.mjs NAME
import { snippet } from "../helpers.mjs";
process.stdout.write(snippet(process.argv[2]));
