package answer

import "regexp"

// A question can ask for a quantity without 多少 or 几 naming its unit:
// 多高, 多久, 多重, 多冷, 多少钱, 投资是多少. The answer is then a number in
// one of that measure's units (海拔196米, 服刑三个月, 摄氏5度, 9300万港元),
// and a sentence without one does not give it.
type quantity struct {
	ask  *regexp.Regexp
	unit *regexp.Regexp
}

var quantities = func() []quantity {
	num := `(?:[0-9][0-9.,]*|[一二三四五六七八九十百千两半]+)(?:余|多)?`
	mk := func(ask, unit string) quantity {
		return quantity{regexp.MustCompile(ask), regexp.MustCompile(unit)}
	}
	return []quantity{
		mk(`多长时间|多少时间|多久|多少年时间`, num+`(?:个)?(?:年|月|天|日|小时|钟头|分钟|秒|周|星期|世纪)`),
		mk(`多[高深长宽远厚]|海拔(?:是|有|为)?多少|高度(?:是|有|为)?多少|长度(?:是|有|为)?多少|距离(?:是|有|为)?多少`, num+`[万千百]?(?:米|公尺|公里|千米|厘米|公分|毫米|英尺|英里|英寸|尺|海里)`),
		mk(`多重|重量(?:是|有|为)?多少`, num+`[万千百]?(?:公斤|千克|克|吨|磅|斤)`),
		mk(`多冷|多热|温度(?:是|有|为)?多少|多少摄氏度`, `(?:摄氏|零下)?`+num+`(?:度|℃|°)`),
		mk(`多少钱|多少资金|多少经费|多少费用|(?:投资|花费|耗资|造价|售价|价格|金额|成本|预算|投入|花了|投了|收入|营收|利润|销售额|成交额|交易额|产值|税收|融资|市值|票房)(?:是|有|为|达|了|共|总共|一共)*多少`, num+`[万亿千百]*(?:元|港元|港币|美元|欧元|英镑|日元|韩元|卢布|镑|圆|块钱)`),
		// An area (占地多少, 面积多大) before a share: 占地 is no 占.
		mk(`占地[^多，,？?]{0,6}多[少大]|面积[^多占，,？?]{0,6}多[少大]|多大面积|多少平方`, num+`[万千百]?(?:平方米|平方公里|平方千米|平方英里|平方英尺|平米|公顷|英亩|亩|\s*(?:km|m)(?:²|2\b))`),
		// An age asked without 几岁 (多大岁数, 年龄多大) is printed in 岁.
		mk(`多大岁数|多大年纪|多大年龄|(?:年龄|岁数|年纪)(?:是|有|为)?多[少大]|多少岁|享年多少`, num+`(?:周)?岁`),
		// A share asked as 占…多少 is a percentage, a fraction or 成.
		mk(`占[^多，,？?]{0,8}多少|多少成`, `[0-9][0-9.]*\s*%|[0-9]+/[0-9]+|[零一二三四五六七八九十百千万]+分之[零一二三四五六七八九十点]+|[一二三四五六七八九]成`),
	}
}()

// quantityUnit is the number a measure question asks for, or nil.
func quantityUnit(q string) *regexp.Regexp {
	for _, m := range quantities {
		if m.ask.MatchString(q) {
			return m.unit
		}
	}
	return nil
}
