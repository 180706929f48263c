/** What the browser benchmarks' page scripts keep on the page's window. */
interface Window {
  __benchRestored?: number;
  __benchShown?: number;
  __benchReady?: number;
}
