"use strict";
module.exports = { pipelines: [] };
