// Shell scripts under src/ are files of their own, imported as text.
module.exports = {
  module: { rules: [{ test: /\.sh$/, type: 'asset/source' }] }
};
