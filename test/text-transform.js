// Jest transform for the shell scripts the code imports as text. It reads the
// file itself: the source jest hands over has lost its #! line.
const { readFileSync } = require('fs');

module.exports = {
  process: (_source, filename) => ({
    code: 'module.exports = ' + JSON.stringify(readFileSync(filename, 'utf8'))
  })
};
