// The bookmark names our Word files carry (see src/model/bookmark.ts).
export { bookmarkName } from '../text/bookmark.js';
