/** What the start-up benchmark's page scripts keep on the page's window. */
interface Window {
  __benchRestored?: number;
  __benchShown?: number;
}
