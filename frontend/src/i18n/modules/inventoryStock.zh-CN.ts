// inventoryStock UI text (zh-CN). Keep the key tree identical to the other language (a unit test checks it).
export default {}
