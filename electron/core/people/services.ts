// What the people directory offers the other record kinds: its rows and names, the search by
// name, adding a person, and the safeguarding holds. Nothing else of this folder is theirs to use.
export { displayNameOfRow, findPerson, keyStageOfRow, orderByName, sortNameOfRow, type PersonRow } from './person-rows'
export { blank, checkDbs, detailsToColumns } from './person-details'
export { nameTokens, queryWords, whereNamesStartWith, writeNameTokens } from './name-search'
export { createPerson, listPeople } from './people'
export { holdEveryoneNamed, holdNamedPeople } from './record-holds'
export { parseDate } from './import/import-values'
