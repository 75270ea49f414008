/**
 * @tingsted/csv: the one CSV reader and writer of Tingsted (RFC 4180: byte-order mark, CRLF, LF or CR,
 * quoted fields with separators, quotes and line breaks; a separator option for `;` files such as Pabulib).
 * Errors name the line and column. Pure: takes and returns strings, no file system.
 */
export { describeCsvError, parseCsv, readCsv, type CsvParse, type CsvReadOptions, type CsvRow, type CsvRowCallback, type CsvSyntaxError } from './read.ts';
export { csvField, writeCsv, type CsvValue, type CsvWriteOptions } from './write.ts';
export { createCsvStream, CsvRecordView, type CsvRecordCallback, type CsvStream, type CsvStreamOptions } from './stream.ts';
